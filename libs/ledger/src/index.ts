// @ledger/ledger: the application layer the API, the CLI and the bench share (write path, catalog,
// explain, audit trail and package, seeding, keys and roles). No HTTP types: errors are typed
// application errors that apps/api maps to problem+json.
export {};
