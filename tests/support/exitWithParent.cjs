// Preloaded (--require) into the servers the tests spawn: when the test process that started them is gone — ended
// without its teardown, killed, out of memory — the IPC channel to it closes and the server gets its own graceful
// SIGTERM. Before, an API left on port 5173 by a jest that died made the next run's e2e setup refuse to start.
if (process.channel) {
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  // the channel must not keep a server alive that would otherwise exit
  process.channel.unref();
}
