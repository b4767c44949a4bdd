/**
 * The API's OpenAPI 3 description at {@code /api/openapi.json} (route {@code api-openapi}): Camel's OpenAPI support
 * renders it from the REST verbs of the route files; {@link org.depositobridge.openapi.OpenApiDocument} completes it
 * with what the REST DSL cannot express.
 */
package org.depositobridge.openapi;
