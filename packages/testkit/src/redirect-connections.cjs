// Test preload (NODE_OPTIONS=--require): sends TCP connections for PUSHPULL_TEST_REDIRECT's `from`
// (`host:port=host:port`) to `to`, so that a proxy a test owns sits in front of a Kafka broker even
// after the client learns the broker's advertised address from metadata.
const net = require('node:net');

const [from, to] = (process.env.PUSHPULL_TEST_REDIRECT ?? '').split('=');
if (from && to) {
  const [toHost, toPort] = [to.slice(0, to.lastIndexOf(':')), Number(to.slice(to.lastIndexOf(':') + 1))];
  const connect = net.connect;
  const redirected = function (...args) {
    const o = args[0];
    if (o && typeof o === 'object' && `${o.host}:${o.port}` === from) {
      args[0] = { ...o, host: toHost, port: toPort };
    }
    return connect.apply(this, args);
  };
  net.connect = redirected;
  net.createConnection = redirected;
}
