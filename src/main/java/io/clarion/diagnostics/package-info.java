/**
 * Problems as values: {@link io.clarion.diagnostics.Issue} (code, blame, where, subject,
 * message, suggestions), the did-you-mean search, and the one renderer every stage and
 * surface (CLI, API, LLM tools, golden files) uses. Depends on nothing else in Clarion.
 *
 * <p>Each stage declares its codes as an enum implementing {@link io.clarion.diagnostics.Code}
 * (the query stages' {@code QueryCode}, the agent's {@code ToolCode}); a code's
 * {@link io.clarion.diagnostics.Blame} decides the HTTP status (400, 403, 404, 500), so
 * "forbidden" is a property of the code, not a list of strings. An issue is somewhere: a
 * {@link io.clarion.diagnostics.Location} in a YAML file or a
 * {@link io.clarion.diagnostics.JsonPath} in a request, which
 * {@link io.clarion.diagnostics.JsonLocator} finds in the request's text so
 * {@link io.clarion.diagnostics.IssueRenderer#withCaret} can point at it. Stages collect
 * issues and report them all at once; near names come from
 * {@link io.clarion.diagnostics.Suggestions#closest} and read
 * {@link io.clarion.diagnostics.IssueRenderer#didYouMean} everywhere.
 */
package io.clarion.diagnostics;
