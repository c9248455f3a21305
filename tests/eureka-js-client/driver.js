'use strict';
// Drives eureka-js-client (https://github.com/jquatier/eureka-js-client), a Eureka client nobody here wrote,
// against a node's discovery port over TLS with a client certificate. Used by EurekaJsClientTests.
//
// Settings come from the environment:
//   EUREKA_HOST, EUREKA_PORT          the discovery service (https)
//   SERVICE_ID                        the service id; the app is its upper-case form
//   INSTANCE_PORT                     the port the instance claims to listen on
//   CLIENT_CERT, CLIENT_KEY, CA_CERT  PEM files: the client certificate, its key and the CA trusting the server
//   HEARTBEAT_MS, FETCH_MS            heartbeat and registry fetch intervals (default 1000 ms)
//   LEASE_SECONDS                     the lease duration asked for in leaseInfo.durationInSecs (default 90)
//   EUREKA_LOG_LEVEL                  eureka-js-client's log level on stderr (default warn)
//
// Stdout carries one JSON object per line: {"event":"registered"}, {"event":"heartbeat"},
// {"event":"registryUpdated","instances":[...]}, {"event":"deregistered"}, {"event":"startFailed","message":...},
// {"event":"stopped"} / {"event":"stopFailed","message":...}. A line "stop" on stdin (or stdin closing)
// deregisters and exits: 0 when the cancel succeeded, 1 otherwise. A failed start exits 2.

const fs = require('fs');
const readline = require('readline');
const { Eureka } = require('eureka-js-client');

function setting(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    if (fallback !== undefined) return fallback;
    process.stderr.write(`driver.js: the environment variable ${name} is required\n`);
    process.exit(64);
  }
  return value;
}

const host = setting('EUREKA_HOST', 'localhost');
const eurekaPort = Number(setting('EUREKA_PORT'));
const serviceId = setting('SERVICE_ID');
const instancePort = Number(setting('INSTANCE_PORT'));
const cert = fs.readFileSync(setting('CLIENT_CERT'));
const key = fs.readFileSync(setting('CLIENT_KEY'));
const ca = fs.readFileSync(setting('CA_CERT'));
const heartbeatMs = Number(setting('HEARTBEAT_MS', '1000'));
const fetchMs = Number(setting('FETCH_MS', '1000'));
const leaseSeconds = Number(setting('LEASE_SECONDS', '90'));
const app = serviceId.toUpperCase();

function emit(event, extra) {
  process.stdout.write(JSON.stringify(Object.assign({ event }, extra)) + '\n');
}

function describe(error) {
  return error instanceof Error ? error.message : String(error);
}

// eureka-js-client logs through console.* by default; keep stdout for the events.
const levels = { debug: 20, info: 30, warn: 40, error: 50 };
const threshold = levels[setting('EUREKA_LOG_LEVEL', 'warn')] || levels.warn;
function log(level) {
  return (...args) => {
    if (levels[level] >= threshold) {
      process.stderr.write(`[eureka-js-client ${level}] ${args.map((a) => (a instanceof Error ? a.stack : typeof a === 'object' ? JSON.stringify(a) : String(a))).join(' ')}\n`);
    }
  };
}
const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };

const client = new Eureka({
  logger,
  instance: {
    // Zowe's instance id form: host:serviceId:port.
    instanceId: `localhost:${serviceId}:${instancePort}`,
    app,
    hostName: 'localhost',
    ipAddr: '127.0.0.1',
    port: { $: instancePort, '@enabled': false },
    securePort: { $: instancePort, '@enabled': true },
    vipAddress: serviceId,
    secureVipAddress: serviceId,
    homePageUrl: `https://localhost:${instancePort}/`,
    statusPageUrl: `https://localhost:${instancePort}/application/info`,
    healthCheckUrl: `https://localhost:${instancePort}/application/health`,
    dataCenterInfo: {
      '@class': 'com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo',
      name: 'MyOwn',
    },
    leaseInfo: {
      renewalIntervalInSecs: Math.max(1, Math.ceil(heartbeatMs / 1000)),
      durationInSecs: leaseSeconds,
    },
    metadata: {
      'apiml.service.title': 'eureka-js-client driver',
      'apiml.routes.api-v1.gatewayUrl': 'api/v1',
      'apiml.routes.api-v1.serviceUrl': `/${serviceId}/api/v1`,
      'apiml.apiInfo.0.apiId': `org.example.${serviceId}`,
      version: '4.5.0',
    },
  },
  eureka: {
    host,
    port: eurekaPort,
    ssl: true,
    servicePath: '/eureka/apps/',
    heartbeatInterval: heartbeatMs,
    registryFetchInterval: fetchMs,
    maxRetries: 1,
    requestRetryDelay: 200,
    fetchMetadata: false,
  },
  // Every request goes through here (see eurekaRequest in lib/EurekaClient.js): add the TLS client material,
  // which the request library hands to https.Agent.
  requestMiddleware(requestOpts, done) {
    done(Object.assign(requestOpts, { cert, key, ca, timeout: 10000 }));
  },
});

client.on('registered', () => emit('registered'));
client.on('heartbeat', () => emit('heartbeat'));
client.on('deregistered', () => emit('deregistered'));
client.on('registryUpdated', () => {
  const instances = client.getInstancesByAppId(app).map((i) => ({
    instanceId: i.instanceId,
    app: i.app,
    hostName: i.hostName,
    status: i.status,
    vipAddress: i.vipAddress,
    securePort: i.securePort,
    metadata: i.metadata,
  }));
  emit('registryUpdated', { instances });
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  client.stop((error) => {
    if (error) {
      emit('stopFailed', { message: describe(error) });
      process.exit(1);
    }
    emit('stopped');
    process.exit(0);
  });
}

const input = readline.createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (line.trim() === 'stop') stop();
});
input.on('close', stop);

client.start((error) => {
  if (error) {
    emit('startFailed', { message: describe(error) });
    process.exit(2);
  }
  emit('started');
});
