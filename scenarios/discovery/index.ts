/** Protected resource metadata and resource binding (RFC 9728, RFC 8707): for APIs that declare a resource identifier. */
import type { Scenario } from '../define.ts';
import resource_metadata from './resource-metadata.ts';
import resource_metadata_challenge from './resource-metadata-challenge.ts';
import audience_resource from './audience-resource.ts';

export const discovery: readonly Scenario[] = [resource_metadata, resource_metadata_challenge, audience_resource];
