/**
 * Label selectors on the test API server: the runtime's labels.Parse parser (src/runtime/selector.ts)
 * with the label key and value rules of src/validation as its checks; a selector it refuses is 400
 * with labels.Parse's message.
 */
import { matchesLabelRequirements, parseLabelRequirements, type LabelRequirement } from '../runtime/selector.js';
import { isQualifiedName, isValidLabelValue } from '../validation/index.js';
import { objectAt, type JsonObject } from './json.js';
import { badRequest } from './status.js';

/** A matcher for `text` (everything when empty); 400 with labels.Parse's message when it is invalid. */
export function parseLabelSelector(text: string | null): (object: JsonObject) => boolean {
  if (text === null) return () => true;
  let requirements: LabelRequirement[];
  try {
    requirements = parseLabelRequirements(text, { key: isQualifiedName, value: isValidLabelValue });
  } catch (error) {
    throw badRequest((error as Error).message);
  }
  return (object) => matchesLabelRequirements(requirements, objectAt(objectAt(object, 'metadata'), 'labels'));
}
