// @parley/redis: the EventStore that replicas share, on Redis.
export type { RedisCommandClient } from './connection.js';
export {
  createRedisEventStore,
  type RedisConnectionInput,
  type RedisEventStore,
  type RedisEventStoreOptions,
} from './redis-event-store.js';
