// Debian's firefox-esr, headless, in a fresh profile, driven over the Firefox
// Remote Debugging Protocol (RDP). playwright-core only drives its own patched
// Firefox, so this speaks the protocol itself: a TCP stream of packets
// `LENGTH:JSON` (LENGTH in bytes), requests `{to, type, ...}`, answers
// `{from, ...}` or `{from, error, message}` (devtools/shared/transport/
// packets.js and devtools/shared/specs/*.js in Firefox's source).
//
// Nothing leaves the machine, three times over: the profile turns off every
// service that phones home; any HTTP(S) request still made goes to a proxy on
// 127.0.0.1 that refuses it and records the host (so the name is not even
// resolved); and MOZ_DISABLE_NONLOCAL_CONNECTIONS=1, the switch Mozilla's own
// test harnesses use, makes any other connection to a public address crash
// Firefox (nsSocketTransport; private ranges count as local there).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectTcp, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const FIREFOX = process.env.MXRAY_FIREFOX ?? '/usr/bin/firefox-esr';

/**
 * The profile's preferences. Names checked against firefox-esr's own
 * defaults (greprefs.js, browser/defaults/preferences/firefox.js) and the
 * list Firefox applies for automation (remote/shared/RecommendedPreferences
 * .sys.mjs); a name Firefox does not know is silently ignored, so a typo here
 * would only show up as a request recorded by the proxy.
 * @param {number} proxyPort where the refusing proxy listens
 */
function preferences(proxyPort) {
  return {
    // The debugging server: allowed, for chrome (the add-ons actor lives in
    // the parent process), bound to loopback, and without the dialog that
    // asks the user to accept each connection (headless, nobody would).
    'devtools.debugger.remote-enabled': true,
    'devtools.chrome.enabled': true,
    'devtools.debugger.prompt-connection': false,
    'devtools.debugger.force-local': true,
    // Add-ons from the profile and the application only (1 + 4): none that
    // other Debian packages drop into the system's folders; none disabled at
    // start. Temporary add-ons need no signature.
    'extensions.autoDisableScopes': 0,
    'extensions.enabledScopes': 5,
    'extensions.installDistroAddons': false,
    // Updates: the browser, add-ons, system add-ons, search engines, blocklist.
    'app.update.disabledForTesting': true,
    'app.update.auto': false,
    'extensions.update.enabled': false,
    'extensions.update.autoUpdateDefault': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.getAddons.discovery.api_url': 'data:,',
    'extensions.blocklist.enabled': false,
    'browser.search.update': false,
    // Telemetry and data reporting.
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.usage.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': 'data:,',
    'browser.crashReports.unsubmittedCheck.autoSubmit2': false,
    // Studies and experiments (Normandy), Remote Settings and what rides on
    // them (certificate intermediates, CRLite).
    'app.normandy.enabled': false,
    'app.normandy.api_url': '',
    'app.shield.optoutstudies.enabled': false,
    'services.settings.server': 'data:,#remote-settings-off/v1',
    'security.remote_settings.intermediates.enabled': false,
    'security.remote_settings.crlite_filters.enabled': false,
    // Connectivity and captive-portal probes, push, region and geolocation.
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'dom.push.connection.enabled': false,
    'browser.region.network.url': '',
    'geo.provider.network.url': '',
    // Safe Browsing lists.
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    // Start on a blank page: no welcome page, new-tab feeds, sponsored tiles,
    // suggestions, translations or local models fetching anything.
    'browser.startup.page': 0,
    'browser.startup.homepage': 'about:blank',
    'browser.startup.homepage_override.mstone': 'ignore',
    'startup.homepage_welcome_url': 'about:blank',
    'startup.homepage_welcome_url.additional': '',
    'browser.aboutwelcome.enabled': false,
    'browser.newtabpage.enabled': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
    'browser.topsites.contile.enabled': false,
    'browser.urlbar.suggest.searches': false,
    'browser.urlbar.quicksuggest.enabled': false,
    'browser.discovery.enabled': false,
    'browser.translations.enable': false,
    'browser.ml.enable': false,
    'media.gmp-manager.url': 'data:,',
    'browser.shell.checkDefaultBrowser': false,
    'browser.sessionstore.resume_from_crash': false,
    // No DNS-over-HTTPS, prefetching or speculative connections, no HTTP/3
    // (UDP would not go through the proxy), no OCSP.
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.http.http3.enable': false,
    'security.OCSP.enabled': 0,
    // Whatever is left goes to the refusing proxy; loopback stays direct.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
  };
}

/** Resolves `promise`, or rejects with `what` after `ms` milliseconds. */
function within(ms, what, promise) {
  let timer;
  const late = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A TCP port nobody listens on right now (the kernel's pick). */
async function freePort() {
  const server = createServer();
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/**
 * An HTTP proxy on 127.0.0.1 that refuses every request and records what was
 * asked ("CONNECT host:443", "GET http://host/..."): the requests that would
 * have left the machine.
 */
async function refusingProxy() {
  const requests = [];
  const server = createServer((socket) => {
    socket.once('data', (chunk) => {
      requests.push(chunk.toString('latin1').split('\r\n', 1)[0].slice(0, 200));
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    });
    socket.on('error', () => {});
    socket.setTimeout(5000, () => socket.destroy());
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  return { port: server.address().port, requests, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * Starts firefox-esr headless with a fresh profile and its debugging server on
 * a free port of 127.0.0.1, and waits until the server accepts connections.
 * `outside` lists the requests Firefox tried to send off the machine (all
 * refused); `output()` is what it printed (stdout and stderr), for errors.
 * `close()` ends Firefox and its child processes and removes the profile.
 * @param {{timeout?: number}} [options] timeout: ms to wait for the server
 * @returns {Promise<{port: number, outside: string[], output: () => string, close: () => Promise<void>}>}
 */
export async function launchFirefox({ timeout = 60000 } = {}) {
  if (!existsSync(FIREFOX)) throw new Error(`firefox-esr not installed (${FIREFOX} missing): apt-get install firefox-esr`);
  const proxy = await refusingProxy();
  const profile = mkdtempSync(join(tmpdir(), 'mxray-firefox-'));
  const prefs = Object.entries(preferences(proxy.port)).map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`);
  writeFileSync(join(profile, 'user.js'), prefs.join('\n') + '\n');
  const port = await freePort();

  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20000);
  };
  // Its own process group, so that close() also ends the content processes.
  // MOZ_DISABLE_NONLOCAL_CONNECTIONS also lets services.settings.server point
  // Remote Settings nowhere (release builds ignore the pref otherwise).
  const child = spawn(FIREFOX, ['--headless', '--no-remote', '--new-instance', '--profile', profile, '--start-debugger-server', String(port), 'about:blank'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOZ_HEADLESS: '1', MOZ_CRASHREPORTER_DISABLE: '1', MOZ_DISABLE_AUTO_SAFE_MODE: '1', MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
  });
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  let spawnError;
  child.once('error', (e) => {
    spawnError = e;
  });
  // Should the test runner end first (an uncaught error, Ctrl-C), Firefox
  // must not outlive it.
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const abandon = () => {
    killGroup('SIGKILL');
    rmSync(profile, { recursive: true, force: true });
  };
  const onExit = abandon;
  const onSignal = (signal) => {
    abandon();
    // With no other listener, this one kept Node alive: end as the signal would.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let closed;
  const close = () =>
    (closed ??= (async () => {
      process.removeListener('exit', onExit);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        killGroup('SIGTERM');
        const gone = await within(5000, 'firefox-esr exit', exited).catch(() => null);
        if (!gone) {
          killGroup('SIGKILL');
          await within(5000, 'firefox-esr exit', exited).catch(() => null);
        }
      }
      await proxy.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    })());

  // Ready when a connection gets the root actor's greeting.
  const deadline = Date.now() + timeout;
  let client;
  while (!client) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      await close();
      const why = spawnError ? spawnError.message : `exit code ${child.exitCode}, signal ${child.signalCode}`;
      throw new Error(`firefox-esr stopped before its debugging server was up (${why}):\n${output}`);
    }
    try {
      client = await connect(port, { timeout: 5000 });
    } catch (e) {
      if (Date.now() > deadline) {
        await close();
        throw new Error(`firefox-esr: no debugging server on 127.0.0.1:${port} within ${timeout} ms (${e.message}):\n${output}`);
      }
      await new Promise((ok) => setTimeout(ok, 200));
    }
  }
  // The port was free when chosen, not reserved: make sure the Firefox that
  // answers is this one (its profile names this proxy's port).
  try {
    const root = await client.request('root', 'getRoot');
    const { value } = await client.request(root.preferenceActor, 'getIntPref', { value: 'network.proxy.http_port' });
    if (value !== proxy.port) throw new Error(`127.0.0.1:${port} answers for another Firefox`);
  } catch (e) {
    await close();
    throw new Error(`firefox-esr: ${e.message}:\n${output}`);
  } finally {
    client.close();
  }
  return { port, outside: proxy.requests, output: () => output, close };
}

// Packets larger than this are refused; ours are a few kilobytes.
const PACKET_MAX = 16 * 1024 * 1024;

/**
 * Connects to a debugging server and waits for the root actor's greeting.
 * `request(to, type, params)` sends one request and resolves with the answer
 * packet, or rejects with Firefox's error and message; requests to one actor
 * are answered in order (the protocol's rule), so each actor has a queue.
 * Packets that answer nothing (events such as addonListChanged) go to
 * `events`.
 * @param {number} port
 * @param {{timeout?: number}} [options] timeout: ms for the greeting and for each answer
 */
export async function connect(port, { timeout = 30000 } = {}) {
  const socket = connectTcp({ host: '127.0.0.1', port });
  const waiting = new Map(); // actor -> [{ok, fail, what}]
  const events = [];
  let greeted;
  const greeting = new Promise((ok, fail) => {
    greeted = { ok, fail };
  });
  let failure = null;
  const failAll = (error) => {
    if (failure) return;
    failure = error;
    greeted.fail(error);
    for (const queue of waiting.values()) for (const w of queue) w.fail(error);
    waiting.clear();
    socket.destroy();
  };

  const receive = (packet) => {
    if (typeof packet !== 'object' || packet === null || typeof packet.from !== 'string') {
      failAll(new Error(`RDP: packet without "from": ${JSON.stringify(packet).slice(0, 200)}`));
      return;
    }
    if (packet.from === 'root' && 'applicationType' in packet && !('error' in packet)) {
      greeted.ok(packet);
      return;
    }
    const queue = waiting.get(packet.from);
    // An answer never carries "type"; an event always does.
    if (!queue?.length || ('type' in packet && !('error' in packet))) {
      events.push(packet);
      return;
    }
    const w = queue.shift();
    if ('error' in packet) w.fail(Object.assign(new Error(`${w.what}: ${packet.error}: ${packet.message ?? ''}`), { packet }));
    else w.ok(packet);
  };

  let buffer = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (!failure) {
      const colon = buffer.indexOf(0x3a); // ':'
      if (colon < 0) {
        if (buffer.length > 20) failAll(new Error(`RDP: bad packet header ${JSON.stringify(buffer.subarray(0, 20).toString('latin1'))}`));
        return;
      }
      const header = buffer.subarray(0, colon).toString('latin1');
      // Bulk packets ("bulk ACTOR TYPE LENGTH:") carry binary data; nothing
      // asked for here sends them.
      if (!/^[0-9]{1,10}$/.test(header) || Number(header) > PACKET_MAX) {
        failAll(new Error(`RDP: unexpected packet header ${JSON.stringify(header.slice(0, 40))}`));
        return;
      }
      const length = Number(header);
      if (buffer.length < colon + 1 + length) return;
      const body = buffer.subarray(colon + 1, colon + 1 + length).toString('utf8');
      buffer = buffer.subarray(colon + 1 + length);
      let packet;
      try {
        packet = JSON.parse(body);
      } catch (e) {
        failAll(new Error(`RDP: packet is not JSON (${e.message}): ${body.slice(0, 200)}`));
        return;
      }
      receive(packet);
    }
  });
  socket.on('error', (e) => failAll(new Error(`RDP: ${e.message}`)));
  socket.on('close', () => failAll(new Error('RDP: connection closed by Firefox')));

  const hello = await within(timeout, 'RDP greeting', greeting).catch((e) => {
    failAll(e);
    throw e;
  });

  /**
   * @param {string} to actor id
   * @param {string} type method
   * @param {object} [params]
   */
  const request = (to, type, params = {}) => {
    if (failure) return Promise.reject(failure);
    const what = `RDP ${to} ${type}`;
    const answer = new Promise((ok, fail) => {
      if (!waiting.has(to)) waiting.set(to, []);
      waiting.get(to).push({ ok, fail, what });
    });
    const json = Buffer.from(JSON.stringify({ ...params, to, type }), 'utf8');
    socket.write(`${json.length}:`);
    socket.write(json);
    return within(timeout, what, answer).catch((e) => {
      // An answer that never came leaves the queue out of step: give up.
      if (!failure && /no answer within/.test(e.message)) failAll(e);
      throw e;
    });
  };

  return { hello, events, request, close: () => socket.destroy() };
}

/**
 * Installs the unpacked extension in `dir` as a temporary add-on, the way
 * about:debugging's "Load Temporary Add-on" does (the addons actor of
 * devtools/server/actors/addon/addons.js). Firefox's refusal is a value, not
 * an exception: `{error}` carries its message, which names the manifest
 * problem. Timeouts and protocol failures do throw.
 * @param {Awaited<ReturnType<typeof connect>>} client
 * @param {string} dir
 * @returns {Promise<{id: string} | {error: string}>}
 */
export async function installTemporaryAddon(client, dir) {
  const root = await client.request('root', 'getRoot');
  if (!root.addonsActor) throw new Error('RDP: this Firefox has no addons actor');
  let answer;
  try {
    answer = await client.request(root.addonsActor, 'installTemporaryAddon', { addonPath: resolve(dir), openDevTools: false });
  } catch (e) {
    if (e.packet) return { error: String(e.packet.message ?? e.packet.error) };
    throw e;
  }
  if (typeof answer.addon?.id !== 'string') throw new Error(`RDP: installTemporaryAddon answered ${JSON.stringify(answer).slice(0, 200)}`);
  return { id: answer.addon.id };
}

/**
 * The add-ons Firefox has, as about:debugging lists them: id, name,
 * temporarilyInstalled, debuggable (true once the extension runs), and the
 * `warnings` Firefox wrote while reading the manifest ("Reading manifest:
 * Warning processing KEY: An unexpected property was found ...").
 * @param {Awaited<ReturnType<typeof connect>>} client
 */
export async function listAddons(client) {
  const { addons } = await client.request('root', 'listAddons');
  if (!Array.isArray(addons)) throw new Error('RDP: listAddons answered no list');
  return addons;
}
