# Stored programs written without DELIMITER: BEGIN … END bodies stay whole.
CREATE DEFINER=`app`@`%` PROCEDURE archive_orders(IN cutoff DATE)
BEGIN
  DECLARE done INT DEFAULT FALSE;
  DECLARE label VARCHAR(10) DEFAULT CASE WHEN cutoff IS NULL THEN 'all' ELSE 'some' END;
  IF cutoff IS NULL THEN
    SET cutoff = CURDATE();
  END IF;
  outer_loop: LOOP
    DELETE FROM orders WHERE created < cutoff LIMIT 1000;
    IF ROW_COUNT() = 0 THEN LEAVE outer_loop; END IF;
  END LOOP outer_loop;
  CASE label WHEN 'all' THEN SELECT 'all'; ELSE BEGIN SELECT 'some'; END; END CASE;
END;

CREATE TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW SET NEW.created = COALESCE(NEW.created, NOW());

CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DO
BEGIN
  CALL archive_orders(NULL);
END;

-- And the same with client delimiters, including a multi-character one.
DELIMITER $$
CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC
BEGIN
  RETURN x * 2;
END$$
DELIMITER d//
CREATE TRIGGER orders_bu BEFORE UPDATE ON orders FOR EACH ROW
BEGIN
  SET NEW.updated = NOW();
END d//
delimiter ;
SELECT twice(2);
