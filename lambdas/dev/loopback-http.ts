/**
 * One HTTP request from the dev Okta to the local app, over loopback: it connects to
 * 127.0.0.1 on the URL's port and puts the URL's host in the Host header (Node cannot
 * resolve `*.localhost`). The answer's body is read up to 64 KB.
 */
import { request } from 'node:http';

export interface LoopbackAnswer {
  status: number;
  body: string;
}

const MAX_BODY = 64 * 1024;

export function loopbackRequest(url: URL, method: string, headers: Record<string, string>, body?: string): Promise<LoopbackAnswer> {
  return new Promise((resolve, reject) => {
    const sized = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = request(
      {
        host: '127.0.0.1',
        port: Number(url.port || 80),
        method,
        path: `${url.pathname}${url.search}`,
        headers: { ...sized, host: url.host },
        timeout: 5000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < MAX_BODY) text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.slice(0, MAX_BODY) }));
      },
    );
    req
      .on('timeout', () => req.destroy(new Error('the app did not answer in time')))
      .on('error', reject)
      .end(body);
  });
}
