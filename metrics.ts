/**
 * Prometheus metrics (prom-client), one registry for the process: counters are bumped where things
 * happen (inbox, processing loop, photo pipeline, HTTP), gauges read at scrape time (`ops/http.ts`).
 * Top-level like `log.ts`, so every layer may count without depending on another.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export const registry = new Registry();

export const metrics = {
  eventsReceived: new Counter({
    name: 'bricoleur_events_received_total',
    help: 'Inbound chat events handed to the core (redeliveries included)',
    labelNames: ['platform'] as const,
    registers: [registry],
  }),
  eventsAcknowledged: new Counter({
    name: 'bricoleur_events_acknowledged_total',
    help: 'Inbound chat events durably stored in the inbox (the platform may be acknowledged)',
    labelNames: ['platform', 'duplicate'] as const,
    registers: [registry],
  }),
  eventsProcessed: new Counter({
    name: 'bricoleur_events_processed_total',
    help: 'Inbox events processed successfully',
    labelNames: ['platform'] as const,
    registers: [registry],
  }),
  eventsFailed: new Counter({
    name: 'bricoleur_events_failed_total',
    help: 'Failed processing attempts; outcome "retry" is due again, "set_aside" spent its attempts',
    labelNames: ['platform', 'outcome'] as const,
    registers: [registry],
  }),
  eventsWaiting: new Gauge({
    name: 'bricoleur_events_waiting',
    help: 'Inbox events neither processed nor set aside',
    registers: [registry],
  }),
  eventsSetAside: new Gauge({
    name: 'bricoleur_events_set_aside',
    help: 'Inbox events kept aside after their last failed attempt',
    registers: [registry],
  }),
  photosProcessed: new Counter({
    name: 'bricoleur_photos_processed_total',
    help: 'Photos run through the pipeline, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  }),
  httpDuration: new Histogram({
    name: 'bricoleur_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  }),
};

// Process figures (resident memory, event-loop lag, heap) alongside ours.
collectDefaultMetrics({ register: registry });
