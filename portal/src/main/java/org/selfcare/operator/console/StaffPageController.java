package org.selfcare.operator.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.selfcare.operator.staff.StaffChangeException;
import org.selfcare.operator.staff.StaffCredentials;
import org.selfcare.operator.staff.StaffDirectory;
import org.selfcare.operator.staff.StaffPrincipal;
import org.selfcare.operator.staff.StaffRole;
import org.selfcare.operator.staff.StaffSessions;

import org.springframework.http.CacheControl;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;


/**
 * Staff accounts for administrators: add one, disable it, reset its TOTP secret, change its role. A new account's
 * password and TOTP secret, and a reset secret, are shown once in the response to the form and kept nowhere else,
 * not even in the session. An administrator cannot change their own account here, so no one locks themselves out
 * or raises their own rights; the {@code staff} command remains for that.
 */
@Controller
class StaffPageController {

    private final StaffDirectory directory;

    private final StaffSessions sessions;

    private final StaffActions actions;

    StaffPageController(StaffDirectory directory, StaffSessions sessions, StaffActions actions) {
        this.directory = directory;
        this.sessions = sessions;
        this.actions = actions;
    }

    @GetMapping("/console/staff")
    String list(Model model) {
        model.addAttribute("accounts", directory.list());
        model.addAttribute("roles", StaffRole.values());
        return "console/staff";
    }

    @PostMapping("/console/staff")
    String add(@RequestParam String username, @RequestParam String role, @AuthenticationPrincipal StaffPrincipal staff,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            StaffCredentials created = directory.add(username, StaffRole.parse(role), staff.username());
            actions.done(staff, request, null, "added staff " + created.username() + " with role "
                    + StaffRole.parse(role).code());
            return credentials(created, response, model);
        }
        catch (StaffChangeException | IllegalArgumentException ex) {
            redirect.addFlashAttribute("refusal", ex.getMessage());
            return "redirect:/console/staff";
        }
    }

    @PostMapping("/console/staff/{username}/disable")
    String disable(@PathVariable String username, @AuthenticationPrincipal StaffPrincipal staff,
            HttpServletRequest request, RedirectAttributes redirect) {
        return change(staff, username, redirect, () -> {
            directory.setEnabled(username, false);
            sessions.end(username);
            actions.done(staff, request, null, "disabled staff " + username);
        });
    }

    @PostMapping("/console/staff/{username}/enable")
    String enable(@PathVariable String username, @AuthenticationPrincipal StaffPrincipal staff,
            HttpServletRequest request, RedirectAttributes redirect) {
        return change(staff, username, redirect, () -> {
            directory.setEnabled(username, true);
            actions.done(staff, request, null, "enabled staff " + username);
        });
    }

    @PostMapping("/console/staff/{username}/role")
    String changeRole(@PathVariable String username, @RequestParam String role,
            @AuthenticationPrincipal StaffPrincipal staff, HttpServletRequest request, RedirectAttributes redirect) {
        return change(staff, username, redirect, () -> {
            StaffRole newRole = StaffRole.parse(role);
            directory.changeRole(username, newRole);
            sessions.end(username);
            actions.done(staff, request, null, "changed the role of staff " + username + " to " + newRole.code());
        });
    }

    @PostMapping("/console/staff/{username}/reset-totp")
    String resetTotp(@PathVariable String username, @AuthenticationPrincipal StaffPrincipal staff,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        if (staff.username().equals(username)) {
            redirect.addFlashAttribute("problem", "console.staff.not-yourself");
            return "redirect:/console/staff";
        }
        try {
            StaffCredentials reset = directory.resetTotp(username);
            sessions.end(username);
            actions.done(staff, request, null, "reset the TOTP secret of staff " + username);
            return credentials(reset, response, model);
        }
        catch (StaffChangeException ex) {
            redirect.addFlashAttribute("refusal", ex.getMessage());
            return "redirect:/console/staff";
        }
    }

    /** Shows the secrets once, in a page that no cache keeps. */
    private static String credentials(StaffCredentials credentials, HttpServletResponse response, Model model) {
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        model.addAttribute("credentials", credentials);
        return "console/credentials";
    }

    private static String change(StaffPrincipal staff, String username, RedirectAttributes redirect, Runnable change) {
        if (staff.username().equals(username)) {
            redirect.addFlashAttribute("problem", "console.staff.not-yourself");
            return "redirect:/console/staff";
        }
        try {
            change.run();
            redirect.addFlashAttribute("notice", "console.staff.changed");
        }
        catch (StaffChangeException | IllegalArgumentException ex) {
            redirect.addFlashAttribute("refusal", ex.getMessage());
        }
        return "redirect:/console/staff";
    }
}
