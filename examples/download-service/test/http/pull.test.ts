import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { HMAC_HEADER, signBody } from '../../src/pull/hmac.js';
import { parsePullXml } from '../../src/pull/xml.js';
import { createTestService, type TestService } from '../helpers/app.js';

let service: TestService;

beforeEach(() => {
  service = createTestService();
});

afterEach(async () => {
  await service.app.close();
  service.repository.close();
});

function pullUriRequest(fields: { trackingId: string; mobile: string; name?: string; dob?: string; format?: string }) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<PullURIRequest ver="1.0" ts="2024-01-15T10:00:00+05:30" txn="txn-42" orgId="org-1" format="${fields.format ?? 'both'}">
  <DocDetails>
    <DocType>VACER</DocType>
    <DigiLockerId>dl-123</DigiLockerId>
    <FullName>${fields.name ?? ''}</FullName>
    <DOB>${fields.dob ?? ''}</DOB>
    <Mobile>${fields.mobile}</Mobile>
    <tracking_id>${fields.trackingId}</tracking_id>
  </DocDetails>
</PullURIRequest>`;
}

async function post(url: string, body: string, signature?: string) {
  const payload = Buffer.from(body);
  return service.app.inject({
    method: 'POST',
    url,
    payload,
    headers: {
      'content-type': 'application/xml',
      [HMAC_HEADER]: signature ?? signBody(service.pullSecret, payload),
    },
  });
}

describe('POST /digilocker/v1/pull-uri', () => {
  it('returns the URI, PDF and credential', async () => {
    const response = await post(
      '/digilocker/v1/pull-uri',
      pullUriRequest({ trackingId: '10000000000001', mobile: '9000000001', name: 'shabnam  nair', dob: '25-08-1996' }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/xml');
    const parsed = parsePullXml(response.rawPayload) as {
      PullURIResponse: {
        ResponseStatus: { '@Status': string; '@txn': string };
        DocDetails: { URI: string; DocContent: string; DataContent: string };
      };
    };
    const { ResponseStatus, DocDetails } = parsed.PullURIResponse;
    expect(ResponseStatus['@Status']).toBe('1');
    expect(ResponseStatus['@txn']).toBe('txn-42');
    expect(DocDetails.URI).toBe('in.gov.vaxcert-VACER-10000000000001');
    expect(Buffer.from(DocDetails.DocContent, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const credential = JSON.parse(Buffer.from(DocDetails.DataContent, 'base64').toString()) as {
      proof: { proofValue: string };
    };
    expect(credential.proof.proofValue).toMatch(/^z/);
  });

  it('returns status 0 for a mobile number that does not match', async () => {
    const response = await post(
      '/digilocker/v1/pull-uri',
      pullUriRequest({ trackingId: '10000000000001', mobile: '9000000002' }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Status="0"');
    expect(response.body).not.toContain('DocContent');
  });

  it('returns status 0 for a wrong date of birth', async () => {
    const response = await post(
      '/digilocker/v1/pull-uri',
      pullUriRequest({ trackingId: '10000000000001', mobile: '9000000001', dob: '26-08-1996' }),
    );
    expect(response.body).toContain('Status="0"');
  });

  it('escapes markup from the data in the response', async () => {
    const response = await post(
      '/digilocker/v1/pull-uri',
      pullUriRequest({ trackingId: '10000000000003', mobile: '9000000002', format: 'xml' }),
    );
    expect(response.body).toContain('<FullName>&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;');
    expect(response.body).not.toContain('<b>x</b>');
  });

  it('rejects a wrong, missing or truncated signature', async () => {
    const body = pullUriRequest({ trackingId: '10000000000001', mobile: '9000000001' });
    const good = signBody(service.pullSecret, Buffer.from(body));
    const wrongKey = signBody(Buffer.alloc(32, 1), Buffer.from(body));
    for (const signature of [wrongKey, '', good.slice(0, 20), `${good}AAAA`]) {
      const response = await post('/digilocker/v1/pull-uri', body, signature);
      expect(response.statusCode).toBe(401);
    }
  });

  it('rejects a body changed after signing', async () => {
    const body = pullUriRequest({ trackingId: '10000000000001', mobile: '9000000001' });
    const signature = signBody(service.pullSecret, Buffer.from(body));
    const response = await post('/digilocker/v1/pull-uri', body.replace('9000000001', '9000000002'), signature);
    expect(response.statusCode).toBe(401);
  });

  it('rejects a billion laughs body', async () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<PullURIRequest><DocDetails><DocType>VACER</DocType><FullName>&lol9;</FullName><Mobile>9000000001</Mobile><tracking_id>10000000000001</tracking_id></DocDetails></PullURIRequest>`;
    const started = performance.now();
    const response = await post('/digilocker/v1/pull-uri', laughs);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('document type declaration');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('rejects an external entity body', async () => {
    const external = `<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<PullURIRequest><DocDetails><DocType>VACER</DocType><FullName>&xxe;</FullName><Mobile>9000000001</Mobile><tracking_id>10000000000001</tracking_id></DocDetails></PullURIRequest>`;
    const response = await post('/digilocker/v1/pull-uri', external);
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('root:');
  });

  it('leaves entity references literal', () => {
    const parsed = parsePullXml(Buffer.from('<a><b>&lol9; &amp;</b></a>')) as { a: { b: string } };
    expect(parsed.a.b).toBe('&lol9; &amp;');
  });

  it('rejects a body over the size limit', async () => {
    const body = pullUriRequest({ trackingId: '10000000000001', mobile: '9000000001', name: 'x'.repeat(20_000) });
    const response = await post('/digilocker/v1/pull-uri', body);
    expect(response.statusCode).toBe(413);
  });

  it('rejects malformed XML', async () => {
    const response = await post('/digilocker/v1/pull-uri', '<PullURIRequest><DocDetails></PullURIRequest>');
    expect(response.statusCode).toBe(400);
  });
});

describe('POST /digilocker/v1/pull-doc', () => {
  it('returns the document of a URI', async () => {
    const body = `<PullDocRequest ver="1.0" txn="txn-7" format="pdf"><DocDetails><URI>in.gov.vaxcert-VACER-10000000000002</URI></DocDetails></PullDocRequest>`;
    const response = await post('/digilocker/v1/pull-doc', body);
    const parsed = parsePullXml(response.rawPayload) as {
      PullDocResponse: { ResponseStatus: { '@Status': string }; DocDetails: { DocContent: string; DataContent?: string } };
    };
    expect(parsed.PullDocResponse.ResponseStatus['@Status']).toBe('1');
    expect(Buffer.from(parsed.PullDocResponse.DocDetails.DocContent, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(parsed.PullDocResponse.DocDetails.DataContent).toBeUndefined();
  });

  it('returns status 0 for an unknown URI', async () => {
    const body = `<PullDocRequest ver="1.0" txn="txn-8"><DocDetails><URI>in.gov.vaxcert-VACER-19999999999999</URI></DocDetails></PullDocRequest>`;
    const response = await post('/digilocker/v1/pull-doc', body);
    expect(response.body).toContain('Status="0"');
  });
});
