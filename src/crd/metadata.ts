// A custom resource's metadata is an ObjectMeta like any object's, whatever its CRD's schema says
// (a CRD may only restrict the name): its unknown fields are found with the built-in kinds' shapes.
import type { Path } from '../manifest/locate.js';
import type { PlainObject } from '../manifest/resources.js';
import type { SchemaProblem } from '../schema-errors.js';
import { walkUnknownFields } from '../k8s-schema/validate.js';

const OBJECT_META = 'IoK8sApimachineryPkgApisMetaV1ObjectMeta';

export function unknownMetadataFields(metadata: PlainObject, path: Path, partial: boolean): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  walkUnknownFields(metadata, { ref: OBJECT_META }, path, problems, partial);
  return problems;
}
