/**
 * The catalogue of commodities, their stock, the {@code catalogue} command and the catalogue API. Exposed so the
 * demo can fill an empty catalogue and the jar's entry point can run the command.
 */
@NamedInterface("catalogue")
package org.selfcare.purchase.catalogue;

import org.springframework.modulith.NamedInterface;
