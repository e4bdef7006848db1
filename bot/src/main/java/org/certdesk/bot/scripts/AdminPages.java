package org.certdesk.bot.scripts;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The admin page: static HTML and scripts under static/admin/ (role ADMIN, see the security package). */
@Controller
class AdminPages {

    @GetMapping("/admin")
    String redirect() {
        return "redirect:/admin/";
    }

    @GetMapping("/admin/")
    String page() {
        return "forward:/admin/index.html";
    }
}
