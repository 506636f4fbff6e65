export * from './scenario';
export * from './erate-fixtures';
export * from './state-program-fixtures';
