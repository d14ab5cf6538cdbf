// Live vacancy changes over SignalR. The client only listens; after any gap it asks the page to catch up.
/* global signalR */

const RETRY_MS = [0, 2000, 5000, 10000, 20000];
const retryDelay = (n) => RETRY_MS[Math.min(n, RETRY_MS.length - 1)];

/**
 * Connects to the vacancy hub and keeps trying for as long as the page is open.
 * onStatus('connecting' | 'live' | 'reconnecting'); onConnected() after every (re)connection, the moment to catch up.
 */
export function connectLive({ onChange, onConnected, onStatus }) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/vacancies')
    // The default policy gives up after four attempts; a map left open overnight should still come back.
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => retryDelay(ctx.previousRetryCount) })
    // Connection trouble is shown in the page's status, not as console errors.
    .configureLogging(signalR.LogLevel.None)
    .build();
  connection.on('vacancyChanged', onChange);
  connection.onreconnecting(() => onStatus('reconnecting'));
  connection.onreconnected(() => {
    onStatus('live');
    onConnected();
  });
  let starting = false;
  connection.onclose(() => {
    onStatus('reconnecting');
    if (!starting) start(1);
  });

  async function start(attempt) {
    starting = true;
    try {
      await connection.start();
      starting = false;
      onStatus('live');
      onConnected();
    } catch {
      onStatus('reconnecting');
      setTimeout(() => start(attempt + 1), retryDelay(attempt + 1) || 1000);
    }
  }
  onStatus('connecting');
  start(0);
  return connection;
}
