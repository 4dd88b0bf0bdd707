/**
 * The operator API: a separate HTTPS connector, bearer-token access and the provisioning endpoint.
 */
package org.selfcare.operator.api;
