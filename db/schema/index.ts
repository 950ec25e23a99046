export * from './sellers';
export * from './api-keys';
export * from './orders';
export * from './packages';
export * from './items';
export * from './tracking-events';
export * from './tracking-links';
