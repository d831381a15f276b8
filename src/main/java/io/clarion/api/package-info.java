/**
 * The REST API (`/api/v1`): resources, bearer authentication, error mapping, and the CDI
 * producers that take every bean from the composition root.
 */
package io.clarion.api;
