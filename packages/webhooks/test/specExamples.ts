import { loadOpenApiDocument } from '@voucher-programs/spec';

type JsonObject = Record<string, any>;

/** Follows a local `#/...` reference in the bundled spec. */
export function resolveRef(document: JsonObject, node: JsonObject): JsonObject {
  if (typeof node['$ref'] !== 'string') return node;
  const path = (node['$ref'] as string).replace(/^#\//, '').split('/');
  return path.reduce<JsonObject>((at, key) => at[key], document);
}

/** Each webhook in the bundled spec: its name, its event schema's name, `event_type` const and example. */
export function specWebhooks(): { name: string; schemaName: string; eventType: string; example: JsonObject }[] {
  const document = loadOpenApiDocument();
  return Object.entries(document['webhooks'] as JsonObject).map(([name, pathItem]) => {
    const schemaRef = pathItem.post.requestBody.content['application/json'].schema.$ref as string;
    const schema = resolveRef(document, { $ref: schemaRef });
    const ownPart = (schema['allOf'] as JsonObject[]).find((part) => part['properties']?.event_type);
    return {
      name,
      schemaName: schemaRef.split('/').at(-1)!,
      eventType: ownPart!['properties'].event_type.const as string,
      example: schema['example'] as JsonObject,
    };
  });
}
