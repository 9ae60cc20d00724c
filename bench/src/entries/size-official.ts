// Size entry: the official Sunshine client, all of it (it is one CommonJS index of every API and model).
import * as client from 'sunshine-conversations-client';

export default client;
