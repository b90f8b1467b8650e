import { describe, expect, it } from 'vitest';
import { contentTypeOf, negotiateExposition } from '../../src/telemetry/content-negotiation.js';

describe('GET /metrics content negotiation', () => {
  it.each([
    // what Prometheus 2.42 sends
    ['application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1', 'openmetrics'],
    ['application/openmetrics-text', 'openmetrics'],
    ['application/openmetrics-text; version=1.0.0; charset=utf-8', 'openmetrics'],
    ['Application/OpenMetrics-Text;Version="1.0.0"', 'openmetrics'],
    ['text/plain;q=0.5, application/openmetrics-text;q=0.9', 'openmetrics'],
    ['text/plain, application/openmetrics-text', 'openmetrics'],
    // text wins
    [undefined, 'text'],
    ['', 'text'],
    ['*/*', 'text'],
    ['text/plain', 'text'],
    ['text/plain;version=0.0.4', 'text'],
    ['application/openmetrics-text;q=0.4, text/plain;q=0.5', 'text'],
    ['application/openmetrics-text;q=0', 'text'],
    ['application/openmetrics-text;version=0.0.1', 'text'],
    ['application/openmetrics-text;version=2.0.0', 'text'],
    ['application/json', 'text'],
    ['garbage;;;,,,', 'text'],
  ])('Accept %j → %s', (accept, format) => {
    expect(negotiateExposition(accept)).toBe(format);
  });

  it('names the content type of each format', () => {
    expect(contentTypeOf('openmetrics')).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(contentTypeOf('text')).toBe('text/plain; version=0.0.4; charset=utf-8');
  });
});
