/**
 * Reading the bridge's own configuration keys: {@link org.depositobridge.config.ConfigValues}, the one typed
 * reader every package builds its settings from. Defaults live only in {@code config/application.properties}.
 */
package org.depositobridge.config;
