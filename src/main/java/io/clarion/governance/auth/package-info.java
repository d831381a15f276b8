/**
 * Who is calling: bearer tokens from the users file or the demo users, and JWTs from an identity
 * provider, turned into principals.
 */
package io.clarion.governance.auth;
