/**
 * Configuration lookup shared by the server and the command line: Quarkus/MicroProfile config
 * (system properties, environment, application.properties) read the same way by both.
 */
package io.clarion.config;
