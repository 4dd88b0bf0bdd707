/**
 * Subscribers, their credentials and sign-in.
 */
package org.selfcare.identity;
