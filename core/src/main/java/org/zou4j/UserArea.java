package org.zou4j;

import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.user.SearchService;
import org.zou4j.internal.user.UserActivity;
import org.zou4j.internal.user.UserFilters;
import org.zou4j.internal.user.UserNotifications;
import org.zou4j.internal.user.UserService;
import org.zou4j.internal.user.UserTasks;
import org.zou4j.internal.persons.Avatars;

/** The user area's services, built once per engine. */
record UserArea(UserService context, UserTasks tasks, UserFilters filters, UserNotifications notifications,
                UserActivity activity, SearchService search) {

    static UserArea create(CrudService crud, EventLog events, Avatars avatars) {
        return create(crud, events, avatars, org.zou4j.internal.hooks.HookSettings.DEFAULT_USER_LIMIT);
    }

    static UserArea create(CrudService crud, EventLog events, Avatars avatars, int userLimit) {
        UserFilters filters = new UserFilters(crud, events);
        return new UserArea(new UserService(crud, events, filters, userLimit), new UserTasks(crud, events), filters,
                new UserNotifications(crud, events), new UserActivity(crud, events, avatars),
                new SearchService(crud, events));
    }
}
