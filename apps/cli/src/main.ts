#!/usr/bin/env node
import 'reflect-metadata';
import { processIo } from './cli-io';
import { runCli } from './run-cli';

runCli(process.argv, processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ledger failed: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
