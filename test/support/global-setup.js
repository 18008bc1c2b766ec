/**
 * Marks every process this jest run starts (workers, servers, scripts, browsers): they inherit
 * IMP_INTAKE_TEST_RUN. global-teardown.js fails the run if any of them is still alive at the end.
 */
module.exports = async function globalSetup() {
  process.env.IMP_INTAKE_TEST_RUN = `${process.pid}-${Date.now()}`;
};
