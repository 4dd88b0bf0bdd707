/**
 * Demo data provisioned on first start of the embedded default.
 */
package org.selfcare.demo;
