/**
 * Log output formats: the JSON encoder behind {@code LOG_FORMAT=json} (src/main/resources/logback.xml), which turns
 * the {@code key=value} pairs of event lines into JSON fields.
 */
package org.depositobridge.logging;
