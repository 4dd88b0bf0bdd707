/**
 * Abnormal-behaviour monitoring: purchase, payment, cancellation, subscription and code-request events feed
 * sliding-window detectors; a detection raises an alert and marks the subscriber at risk, which second
 * authentication reads through {@link org.selfcare.stepup.RiskSignals}. Monitoring learns from events only and is
 * never called by the features it watches.
 */
package org.selfcare.monitoring;
