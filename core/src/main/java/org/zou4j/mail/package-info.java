/**
 * Outgoing e-mail (password resets, one-time codes, notifications): the {@link org.zou4j.mail.MailSender} contract,
 * an SMTP implementation ({@link org.zou4j.mail.SmtpMailSender}) and an implementation that writes messages to a
 * directory instead ({@link org.zou4j.mail.OutboxMailSender}) for local, offline or test set-ups.
 */
package org.zou4j.mail;
