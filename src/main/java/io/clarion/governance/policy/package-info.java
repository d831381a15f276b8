/**
 * Who may see what: principals, and the catalog's access policy evaluated for one of them
 * (privileges, denied members, the row rule of every cube). The query stages ask it through
 * {@link io.clarion.query.AccessRules}.
 */
package io.clarion.governance.policy;
