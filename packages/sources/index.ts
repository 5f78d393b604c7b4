export * from './http/index.js';
export * from './dgfip/index.js';
export * from './cnaf/index.js';
export * from './cnav/index.js';
export * from './france-travail/index.js';
export * from './mesri/index.js';
export * from './cnous/index.js';
export * from './men/index.js';
