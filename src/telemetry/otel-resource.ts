/**
 * The OTel Resource of the service: the SDK defaults (telemetry.sdk.*),
 * OTEL_RESOURCE_ATTRIBUTES over them, and service.name from
 * OTEL_SERVICE_NAME (else the attribute, else the caller's default) on top.
 */
import { defaultResource, type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import type { OtelSettings } from './otel-settings.js';

/** The service's Resource from the OTEL_* settings. */
export function resourceFromSettings(settings: Pick<OtelSettings, 'resourceAttributes' | 'serviceName'>): Resource {
  return defaultResource()
    .merge(resourceFromAttributes(settings.resourceAttributes))
    .merge(resourceFromAttributes({ 'service.name': settings.serviceName }));
}
