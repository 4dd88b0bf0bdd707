package org.selfcare.inquiry;

import org.selfcare.stepup.Purpose;
import org.selfcare.stepup.RequiresStepUp;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages a signed-in subscriber reads. They are shells: their script loads the data from the JSON API.
 */
@Controller
class InquiryPageController {

    @GetMapping("/")
    String overview() {
        return "overview";
    }

    @GetMapping("/calls")
    @RequiresStepUp(Purpose.CALL_RECORDS)
    String calls() {
        return "calls";
    }

    @GetMapping("/payments")
    String payments() {
        return "payments";
    }
}
