/** The parts of a structural schema node that CEL validation reads. */
export interface ValidationRule {
  readonly rule?: unknown;
  readonly message?: unknown;
  readonly messageExpression?: unknown;
  readonly reason?: unknown;
  readonly fieldPath?: unknown;
  readonly optionalOldSelf?: unknown;
}

export interface JsonSchema {
  readonly type?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly allOf?: readonly JsonSchema[];
  readonly 'x-kubernetes-validations'?: readonly ValidationRule[];
  readonly 'x-kubernetes-list-type'?: unknown;
  readonly 'x-kubernetes-list-map-keys'?: unknown;
  readonly 'x-kubernetes-embedded-resource'?: unknown;
  readonly [key: string]: unknown;
}

export function isSchema(x: unknown): x is JsonSchema {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
