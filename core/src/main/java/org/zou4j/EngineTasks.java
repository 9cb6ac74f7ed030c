package org.zou4j;

import java.util.Map;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.tasks.CommentService;
import org.zou4j.tasks.NewComment;
import org.zou4j.tasks.Tasks;

/** The engine's {@link Tasks}: the task-area services bound to one caller. */
final class EngineTasks implements Tasks {
    private final CommentService comments;
    private final Caller caller;

    EngineTasks(CommentService comments, Caller caller) {
        this.comments = comments;
        this.caller = caller;
    }

    @Override
    public Map<String, Object> comment(String taskId, NewComment comment) {
        return comments.comment(caller, taskId, comment);
    }
}
