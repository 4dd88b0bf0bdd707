/**
 * TLS, security headers, error pages, the embedded database and key material.
 */
package org.selfcare.platform;
