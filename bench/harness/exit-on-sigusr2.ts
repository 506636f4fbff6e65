/**
 * Preloaded (`--require`) into servers profiled with BENCH_CPU_PROF=1: V8 writes a `--cpu-prof`
 * profile only on a normal exit, and servers end on SIGTERM by re-raising it (Nest's shutdown hooks).
 */
process.once('SIGUSR2', () => process.exit(0));
