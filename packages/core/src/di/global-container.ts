// tsyringe checks for the Reflect metadata API when it loads, so the polyfill must come first.
// This is the package's one side effect.
import 'reflect-metadata';

export { container as globalContainer } from 'tsyringe';
