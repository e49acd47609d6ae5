DROP TABLE owner_month_bookings;
