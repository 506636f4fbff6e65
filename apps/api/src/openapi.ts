import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type LedgerCatalog } from '@ledger/ledger';

type Examples = Record<string, { summary: string; value: unknown }>;

/** One request example per event type of the catalog, so integrators see every payload shape. */
export function eventExamples(catalog: LedgerCatalog): Examples {
  const examples: Examples = {};
  for (const definition of catalog.streams) {
    for (const [type, spec] of Object.entries(definition.events)) {
      examples[type] = {
        summary: `${type} on ${definition.prefix}-<id>: ${spec.description}`,
        value: {
          events: [
            { type, data: spec.example, metadata: { source: 'integration-name', occurredAt: '2025-02-03T15:00:00Z' } },
          ],
        },
      };
    }
  }
  return examples;
}

export function buildOpenApi(app: NestFastifyApplication, catalog: LedgerCatalog): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Procurement Ledger')
    .setDescription(
      'Event-sourced ledger for education technology procurement. Integrations append facts; dashboards and auditors read models, live streams and audit proofs. Errors are RFC 9457 problem+json.',
    )
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const append = document.paths['/v1/streams/{stream}/events']?.post;
  const json =
    append?.requestBody && 'content' in append.requestBody ? append.requestBody.content['application/json'] : undefined;
  if (json) json.examples = eventExamples(catalog);
  return document;
}

export function setupOpenApi(app: NestFastifyApplication, catalog: LedgerCatalog): void {
  SwaggerModule.setup('docs', app, () => buildOpenApi(app, catalog), { jsonDocumentUrl: 'docs/openapi.json' });
}
