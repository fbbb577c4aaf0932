import { describe, expect, it } from 'vitest';
import { diagnoseForward, type ForwardFacts } from '../../../electron/core/replay/forward-diagnosis.js';

const facts = (over: Partial<ForwardFacts>): ForwardFacts => ({
  url: 'http://localhost:3000/hooks',
  status: null,
  errorKind: 'refused',
  resolved: ['127.0.0.1'],
  listening: { v4: false, v6: false },
  nearby: [],
  speaksPlainHttp: null,
  speaksTls: null,
  answeredBefore: null,
  docker: { insideContainer: false, hostHasDocker: false },
  ...over,
});

describe('diagnoseForward', () => {
  it('says nothing listens on the port and asks whether the handler runs when no loopback port is near', () => {
    expect(diagnoseForward(facts({}))).toBe('nothing listens on port 3000 (checked 127.0.0.1 and ::1). Is your handler running?');
  });

  it('names the nearby loopback ports that do listen', () => {
    const text = diagnoseForward(facts({ nearby: [{ port: 3001, address: '127.0.0.1' }, { port: 3001, address: '::1' }, { port: 8080, address: '::1' }] }));
    expect(text).toContain('On loopback, ports 3001, 8080 listen: is your handler on one of them?');
  });

  it('says localhost resolved to ::1 while the handler listens on 127.0.0.1 only', () => {
    const text = diagnoseForward(facts({ resolved: ['::1'], listening: { v4: true, v6: false } }));
    expect(text).toBe('localhost resolved to ::1, while the handler listens on 127.0.0.1 (IPv4) only: forward to http://127.0.0.1:3000, or make the handler listen on ::1 too.');
  });

  it('says localhost resolved to 127.0.0.1 while the handler listens on ::1 only', () => {
    const text = diagnoseForward(facts({ resolved: ['127.0.0.1'], listening: { v4: false, v6: true } }));
    expect(text).toContain('localhost resolved to 127.0.0.1, while the handler listens on ::1 (IPv6) only: forward to http://[::1]:3000');
  });

  it('points a containerised Hookscope at host.docker.internal', () => {
    const text = diagnoseForward(facts({ docker: { insideContainer: true, hostHasDocker: false } }));
    expect(text).toContain('a handler on the host is at http://host.docker.internal:3000 (allow it with --allow-host host.docker.internal)');
  });

  it('tells a host with Docker to publish the container port', () => {
    const text = diagnoseForward(facts({ docker: { insideContainer: false, hostHasDocker: true } }));
    expect(text).toContain('publish its port (docker run -p 3000:3000) and make it listen on 0.0.0.0 inside the container');
  });

  it('explains that host.docker.internal does not resolve on the host', () => {
    const text = diagnoseForward(facts({ url: 'http://host.docker.internal:3000/', errorKind: 'dns', resolved: [] }));
    expect(text).toContain('host.docker.internal only resolves inside a Docker container');
    expect(text).toContain('http://localhost:3000');
  });

  it('says TLS went to a plain-HTTP port', () => {
    const text = diagnoseForward(facts({ url: 'https://127.0.0.1:3000/x', errorKind: 'tls', listening: { v4: true, v6: false }, speaksPlainHttp: true }));
    expect(text).toBe('port 3000 speaks plain HTTP, not TLS: forward to http://127.0.0.1:3000 (http://, not https://).');
  });

  it('names the path that answered before when the target path answers 404', () => {
    const text = diagnoseForward(facts({ status: 404, errorKind: null, answeredBefore: { path: '/webhooks', status: 200 } }));
    expect(text).toContain('no route for /hooks (404), while /webhooks answered 200 before');
  });

  it('says nothing for a 404 with no earlier answer, an answered request, or a handler that listens again', () => {
    expect(diagnoseForward(facts({ status: 404, errorKind: null }))).toBeNull();
    expect(diagnoseForward(facts({ status: 500, errorKind: null }))).toBeNull();
    expect(diagnoseForward(facts({ listening: { v4: true, v6: true } }))).toBeNull();
  });
});
