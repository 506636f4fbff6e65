export * from './scenario';
export * from './erate-fixtures';
