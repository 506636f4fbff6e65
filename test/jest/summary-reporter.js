// Writes the run's counts to .jest-summary.json so .ci/run can print "N passed, M failed" after the
// README's plain `npm test`, without extra flags that would make CI differ from what users run.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }
  onRunComplete(_contexts, results) {
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      failedSuites: results.numFailedTestSuites,
      runtimeErrorSuites: results.numRuntimeErrorTestSuites,
      // jest sets results.success only after reporters have run, so it is always false here: decide from the counts.
      success:
        results.numFailedTests === 0 &&
        results.numFailedTestSuites === 0 &&
        results.numRuntimeErrorTestSuites === 0 &&
        !results.snapshot.failure &&
        !results.runExecError &&
        results.numTotalTests > 0,
    };
    writeFileSync(join(this.rootDir, '.jest-summary.json'), JSON.stringify(summary));
  }
}

module.exports = SummaryReporter;
