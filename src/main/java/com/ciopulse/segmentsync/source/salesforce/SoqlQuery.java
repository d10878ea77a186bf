package com.ciopulse.segmentsync.source.salesforce;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SOQL of a polling Salesforce source: the mapped fields plus {@code SystemModstamp} and {@code IsDeleted}
 * of one object, the configured condition, and from the second poll on {@code SystemModstamp >= } the stored
 * watermark less the overlap, ordered by {@code SystemModstamp, Id}. Object and field names are checked, so
 * only names go into the text; the extra condition is the operator's own SOQL, put in parentheses.
 */
final class SoqlQuery {

    static final String MODSTAMP = "SystemModstamp";
    static final String IS_DELETED = "IsDeleted";
    static final String ID = "Id";

    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private static final Pattern OBJECT = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    // Name, Region__c, Parent.Name, Owner.Manager.Name, Unit__r.Code__c: at most five levels, as SOQL allows
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*){0,4}");
    // SOQL's dateTime literal, in UTC and whole seconds (a poll starts at or before the watermark)
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ISO_INSTANT;

    private final String sObject;
    private final String select;
    private final String condition;

    /**
     * @param fields the fields to read besides Id, SystemModstamp and IsDeleted (any of them may be among them)
     * @param where  an extra condition, or null
     * @throws IllegalArgumentException naming the parameter whose value is not an object or field name
     */
    SoqlQuery(String sObject, List<String> fields, String where) {
        this.sObject = require("sObjectName", sObject, OBJECT);
        // SOQL refuses a field selected twice, in any case (Id, id)
        Map<String, String> selected = new LinkedHashMap<>();
        for (String field : concat(ID, fields)) {
            selected.putIfAbsent(field.toLowerCase(Locale.ROOT), field);
        }
        // the source reads these three by their own spelling; the watermark and the deletion close the list
        selected.replace(ID.toLowerCase(Locale.ROOT), ID);
        for (String field : List.of(MODSTAMP, IS_DELETED)) {
            selected.remove(field.toLowerCase(Locale.ROOT));
            selected.put(field.toLowerCase(Locale.ROOT), field);
        }
        this.select = "SELECT " + String.join(", ", selected.values()) + " FROM " + this.sObject;
        this.condition = where == null || where.isBlank() ? null : "(" + where.strip() + ")";
    }

    /** The query of a poll: every record (deleted ones too, with queryAll) when {@code since} is null. */
    String since(Instant since) {
        return where(since == null ? null : MODSTAMP + " >= " + LITERAL.format(since.truncatedTo(ChronoUnit.SECONDS)));
    }

    /**
     * The query of the named records only (a change event that carries no field values names them).
     *
     * @throws IllegalArgumentException when an id is not a Salesforce record id (15 or 18 letters and digits)
     */
    String records(List<String> ids) {
        List<String> literals = new ArrayList<>();
        for (String id : ids) {
            if (id == null || !RECORD_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("'" + id + "' is not a Salesforce record id");
            }
            literals.add("'" + id + "'");
        }
        return where(ID + " IN (" + String.join(", ", literals) + ")");
    }

    private String where(String restriction) {
        StringBuilder soql = new StringBuilder(select);
        if (condition != null || restriction != null) {
            soql.append(" WHERE ");
        }
        if (condition != null) {
            soql.append(condition);
        }
        if (restriction != null) {
            soql.append(condition == null ? "" : " AND ").append(restriction);
        }
        return soql.append(" ORDER BY ").append(MODSTAMP).append(", ").append(ID).toString();
    }

    private static List<String> concat(String first, List<String> fields) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(fields);
        return all;
    }

    String sObject() {
        return sObject;
    }

    /**
     * A field path as the parameter gives it.
     *
     * @throws IllegalArgumentException when it is not a field or relationship path such as {@code Parent.Name}
     */
    static String field(String parameter, String value) {
        return require(parameter, value, FIELD);
    }

    private static String require(String parameter, String value, Pattern pattern) {
        String name = value == null ? "" : value.strip();
        if (!pattern.matcher(name).matches()) {
            throw new IllegalArgumentException(parameter + " must be a Salesforce " + (pattern == OBJECT
                    ? "object name such as Account or Region__c" : "field such as Name, Code__c or Parent.Name")
                    + ", not '" + value + "'");
        }
        return name;
    }
}
