package org.selfcare.platform.web;

import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last-resort error page (for requests the application never sees, such as a malformed request line)
 * without the server name, version or exception report.
 */
public class PlainErrorReportValve extends ErrorReportValve {

    public PlainErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }
}
