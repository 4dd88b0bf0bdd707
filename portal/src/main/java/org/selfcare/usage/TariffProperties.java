package org.selfcare.usage;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The tariff that prices answered calls: a price per started minute chosen by the longest matching prefix of
 * the called number in E.164 form.
 *
 * @param currency ISO 4217 code of every price and of every account; default {@code GBP}
 * @param defaultPricePerMinute price in minor units for a destination no rate matches; default 20
 * @param rates prices by destination prefix, such as {@code +44} or {@code +1202}; default none
 */
@Validated
@ConfigurationProperties("selfcare.tariff")
public record TariffProperties(
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as GBP")
        @DefaultValue("GBP") String currency,
        @Min(0) @DefaultValue("20") long defaultPricePerMinute,
        @Valid @NotNull @DefaultValue List<Rate> rates) {

    /**
     * One destination's price.
     *
     * @param prefix start of the called number in E.164 form, with the plus sign
     * @param pricePerMinute price in minor units per started minute
     */
    public record Rate(
            @NotNull @Pattern(regexp = "\\+[0-9]{1,15}", message = "must be a plus sign followed by digits")
            String prefix,
            @Min(0) long pricePerMinute) {
    }
}
