/**
 * The demo data set: a seeded generator of customers, subscriptions, usage, support and
 * surveys, and its loader into an empty warehouse.
 */
package io.clarion.demo;
